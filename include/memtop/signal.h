/* signal.h - sending a signal to exactly the process the user chose.
 *
 * A PID names a process only while it lives: once it exits, the kernel
 * may hand the PID to a newcomer, and kill(PID) would signal that one.
 * So the process is named by (PID, start time), as everywhere in memtop,
 * and the signal goes through a pidfd (Linux 5.3): pidfd_open pins the
 * process that holds the PID now, its start time is read from
 * /proc/PID/stat and trusted only if the pinned process is still alive
 * afterwards (while it lives, nobody else can hold its PID), and
 * pidfd_send_signal reaches that process or, if it has exited since,
 * nobody.
 */
#ifndef MEMTOP_SIGNAL_H
#define MEMTOP_SIGNAL_H

#include <stdint.h>
#include <sys/types.h>

/* Sends sig to process pid if it is the one that started at start_ticks
 * (clock ticks after boot, stat's field 22).  Returns 0 when sent, or -1
 * with errno: ESRCH when that process is gone (its PID free or another
 * process's now), else the kernel's (EPERM, ...).  On a kernel without
 * pidfds it checks the start time and uses kill(), which leaves the
 * small window the pidfd closes. */
int mt_signal_process(pid_t pid, uint64_t start_ticks, int sig);

#endif
