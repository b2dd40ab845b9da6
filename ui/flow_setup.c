/* Placeholder: replaced by the setup screen. */
#include "app_int.h"

void flow_setup_open(struct app *a) { flow_say(a, "Not built yet.", true); }
void flow_setup_key(struct app *a, bool is_code, wint_t key) { (void)is_code; (void)key; a->view = VIEW_EVENTS; }
void flow_setup_draw(struct app *a) { (void)a; }
void flow_setup_message(struct app *a, const char *msg, bool error) { (void)a; (void)msg; (void)error; }
void flow_setup_free(struct app *a) { (void)a; }
void flow_setup_sync(struct app *a, const char *event_id) { (void)a; (void)event_id; }
