/* secret: reading a password from a person or a script, and wiping it. */
#ifndef BOXOFFICE_SECRET_H
#define BOXOFFICE_SECRET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Prompts on stderr and reads one line from the terminal on fd with echo off
 * (^C, ^D on an empty line give up; Backspace and ^U edit). The terminal's
 * settings are always restored. false when nothing was read or fd is not a
 * terminal. */
bool secret_read_tty(int fd, const char *prompt, char *buf, size_t size);

/* One line from f without its end of line (CR LF too). false at end of file
 * or when the line does not fit (the rest of it is read and dropped, buf
 * wiped). */
bool secret_read_line(FILE *f, char *buf, size_t size);

#endif
