/* Placeholder: replaced by the shift screen. */
#include "app_int.h"

void flow_shift_open(struct app *a) { flow_say(a, "Not built yet.", true); }
void flow_shift_key(struct app *a, bool is_code, wint_t key) { (void)is_code; (void)key; a->view = VIEW_EVENTS; }
void flow_shift_draw(struct app *a) { (void)a; }
void flow_shift_message(struct app *a, const char *msg, bool error) { (void)a; (void)msg; (void)error; }
void flow_shift_free(struct app *a) { (void)a; }
