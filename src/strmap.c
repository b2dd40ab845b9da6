/* strmap: open addressing with linear probing; the table doubles at 70%. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct slot {
	char *key; /* NULL: empty */
	long val;
	uint32_t hash;
};

struct strmap {
	struct slot *slots;
	size_t cap, n; /* cap is a power of two */
};

static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

struct strmap *strmap_new(void)
{
	struct strmap *m = calloc(1, sizeof *m);

	if (m == NULL)
		return NULL;
	m->cap = 16;
	m->slots = calloc(m->cap, sizeof *m->slots);
	if (m->slots == NULL) {
		free(m);
		return NULL;
	}
	return m;
}

void strmap_free(struct strmap **pm)
{
	if (pm == NULL || *pm == NULL)
		return;
	for (size_t i = 0; i < (*pm)->cap; i++)
		free((*pm)->slots[i].key);
	free((*pm)->slots);
	free(*pm);
	*pm = NULL;
}

static struct slot *find(const struct strmap *m, const char *key, uint32_t h)
{
	size_t i = h & (m->cap - 1);

	while (m->slots[i].key != NULL &&
	       (m->slots[i].hash != h || strcmp(m->slots[i].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static int grow(struct strmap *m)
{
	struct strmap bigger = { NULL, m->cap * 2, m->n };

	bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
	if (bigger.slots == NULL)
		return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key != NULL)
			*find(&bigger, m->slots[i].key, m->slots[i].hash) = m->slots[i];
	free(m->slots);
	*m = bigger;
	return 0;
}

long strmap_get(const struct strmap *m, const char *key)
{
	const struct slot *s = find(m, key, hash_str(key));

	return s->key != NULL ? s->val : -1;
}

long strmap_put(struct strmap *m, const char *key, long val)
{
	uint32_t h = hash_str(key);
	struct slot *s;

	if ((m->n + 1) * 10 > m->cap * 7 && grow(m) != 0)
		return -2;
	s = find(m, key, h);
	if (s->key != NULL)
		return s->val;
	s->key = strdup(key);
	if (s->key == NULL)
		return -2;
	s->hash = h;
	s->val = val;
	m->n++;
	return val;
}

size_t strmap_count(const struct strmap *m)
{
	return m->n;
}
