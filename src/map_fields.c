/* map_fields.c - the per-mapping fields of the machine formats: CSV
 * columns and JSON keys of `-m PID` come from this one table.  Names are
 * a stable interface (SPEC §6): add, never rename.
 *
 * Addresses and offsets are hex strings as in /proc/PID/maps: they are
 * 64-bit values and a JSON reader using doubles (jq) would round them.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>

#include "memtop/mapview.h"

static void set_str(mt_value *v, const char *s)
{
    v->kind = MT_VAL_STR;
    v->na = false;
    v->s = s;
}

static void set_size(mt_value *v, uint64_t u)
{
    v->kind = MT_VAL_SIZE;
    v->na = false;
    v->u = u;
}

static void set_int(mt_value *v, int64_t i)
{
    v->kind = MT_VAL_INT;
    v->na = false;
    v->i = i;
}

static void set_hex(mt_value *v, char *scratch, uint64_t x)
{
    snprintf(scratch, MT_FIELD_SCRATCH, "%" PRIx64, x);
    set_str(v, scratch);
}

static void get_start(const mt_region *r, mt_value *v, char *b)  { set_hex(v, b, r->start); }
static void get_end(const mt_region *r, mt_value *v, char *b)    { set_hex(v, b, r->end); }
static void get_offset(const mt_region *r, mt_value *v, char *b) { set_hex(v, b, r->offset); }
static void get_perms(const mt_region *r, mt_value *v, char *b)  { (void)b; set_str(v, r->perms); }
static void get_path(const mt_region *r, mt_value *v, char *b)   { (void)b; set_str(v, r->path); }
static void get_inode(const mt_region *r, mt_value *v, char *b)  { (void)b; set_size(v, r->inode); }
static void get_size(const mt_region *r, mt_value *v, char *b)   { (void)b; set_size(v, r->size); }
static void get_rss(const mt_region *r, mt_value *v, char *b)    { (void)b; set_size(v, r->rss); }
static void get_pss(const mt_region *r, mt_value *v, char *b)    { (void)b; set_size(v, r->pss); }
static void get_swap(const mt_region *r, mt_value *v, char *b)   { (void)b; set_size(v, r->swap); }
static void get_locked(const mt_region *r, mt_value *v, char *b) { (void)b; set_size(v, r->locked); }
static void get_anon(const mt_region *r, mt_value *v, char *b)   { (void)b; set_size(v, r->anonymous); }
static void get_thp(const mt_region *r, mt_value *v, char *b)    { (void)b; set_size(v, r->anon_huge); }
static void get_swpss(const mt_region *r, mt_value *v, char *b)  { (void)b; set_size(v, r->swap_pss); }
static void get_delta(const mt_region *r, mt_value *v, char *b)  { (void)b; set_int(v, r->delta_rss); }

static void get_class(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_str(v, mt_region_class_name(r->cls));
}

static void get_dev(const mt_region *r, mt_value *v, char *b)
{
    snprintf(b, MT_FIELD_SCRATCH, "%02x:%02x", r->dev_major, r->dev_minor);
    set_str(v, b);
}

static void get_dirty(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_size(v, mt_region_dirty(r));
}

static void get_sh_clean(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_size(v, r->shared_clean);
}

static void get_sh_dirty(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_size(v, r->shared_dirty);
}

static void get_pr_clean(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_size(v, r->private_clean);
}

static void get_pr_dirty(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_size(v, r->private_dirty);
}

static void get_new(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    v->kind = MT_VAL_BOOL;
    v->na = false;
    v->b = r->is_new;
}

const mt_region_field mt_region_fields[] = {
    { "start", get_start },
    { "end", get_end },
    { "perms", get_perms },
    { "offset", get_offset },
    { "dev", get_dev },
    { "inode", get_inode },
    { "path", get_path },
    { "class", get_class },
    { "size", get_size },
    { "rss", get_rss },
    { "pss", get_pss },
    { "dirty", get_dirty },
    { "swap", get_swap },
    { "delta_rss", get_delta },
    { "new", get_new },
    { "shared_clean", get_sh_clean },
    { "shared_dirty", get_sh_dirty },
    { "private_clean", get_pr_clean },
    { "private_dirty", get_pr_dirty },
    { "anonymous", get_anon },
    { "swap_pss", get_swpss },
    { "locked", get_locked },
    { "anon_huge", get_thp },
};

const size_t mt_region_nfields = sizeof mt_region_fields / sizeof mt_region_fields[0];
