/* proccache.c - the sampler's per-PID cache (proccache.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memtop/util.h"
#include "proccache.h"

void proccache_init(struct proccache *c)
{
    memset(c, 0, sizeof *c);
    c->free_head = -1;
    mt_pidindex_init(&c->index);
}

void proccache_drop_statm(struct proccache *c, struct slow *e)
{
    if (e->statm_fd >= 0) {
        close(e->statm_fd);
        e->statm_fd = -1;
        c->kept--;
    }
}

void proccache_free(struct proccache *c)
{
    for (size_t i = 0; i < c->nslots; i++) {
        proccache_drop_statm(c, &c->slots[i]);
        free(c->slots[i].cmdline);
    }
    free(c->slots);
    mt_pidindex_free(&c->index);
    proccache_init(c);
}

struct slow *proccache_find(const struct proccache *c, pid_t pid)
{
    uint32_t slot = mt_pidindex_find(&c->index, pid);
    return slot == MT_PIDINDEX_NONE ? NULL : &c->slots[slot];
}

static struct slow *cache_add(struct proccache *c, pid_t pid)
{
    int slot = c->free_head;
    if (slot >= 0) {
        c->free_head = c->slots[slot].next_free;
    } else {
        c->slots = mt_xgrow(c->slots, &c->cap, c->nslots + 1, sizeof *c->slots);
        slot = (int)c->nslots++;
        c->slots[slot].cmdline = NULL;
        c->slots[slot].cmdline_cap = 0;
    }
    struct slow *e = &c->slots[slot];
    char *keep = e->cmdline;
    size_t keep_cap = e->cmdline_cap;
    memset(e, 0, sizeof *e);
    e->cmdline = keep;
    e->cmdline_cap = keep_cap;
    e->pid = pid;
    e->statm_fd = -1;
    mt_pidindex_put(&c->index, pid, (uint32_t)slot);
    return e;
}

struct slow *proccache_get(struct proccache *c, pid_t pid)
{
    struct slow *e = proccache_find(c, pid);
    return e ? e : cache_add(c, pid);
}

static void cache_remove(struct proccache *c, int slot)
{
    mt_pidindex_remove(&c->index, c->slots[slot].pid);
    proccache_drop_statm(c, &c->slots[slot]);
    c->slots[slot].pid = 0;
    c->slots[slot].next_free = c->free_head;
    c->free_head = slot;
}

void proccache_sweep(struct proccache *c, unsigned long refresh)
{
    for (size_t i = 0; i < c->nslots; i++)
        if (c->slots[i].pid > 0 && c->slots[i].seen != refresh)
            cache_remove(c, (int)i);
}

void proccache_set_cmdline(struct slow *e, const char *s)
{
    size_t n = s ? strnlen(s, MT_CMDLINE_MAX + 1) : 0;
    if (n + 1 > e->cmdline_cap) {
        e->cmdline_cap = n + 1 > 64 ? n + 1 : 64;
        free(e->cmdline);
        e->cmdline = mt_xmalloc(e->cmdline_cap);
    }
    if (n)
        memcpy(e->cmdline, s, n);
    e->cmdline[n] = '\0';
}
