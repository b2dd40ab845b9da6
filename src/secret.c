/* secret: no echo, nothing left behind in buffers we own. */
#include "secret.h"

#include <errno.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

bool secret_read_tty(int fd, const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	size_t n = 0;
	bool ok = false;
	unsigned char c;

	if (size == 0 || tcgetattr(fd, &old) != 0)
		return false;
	/* Non-canonical so that ^C gives up at once; ISIG off so that a signal
	 * cannot leave the terminal without echo. */
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ICANON | ISIG);
	quiet.c_cc[VMIN] = 1;
	quiet.c_cc[VTIME] = 0;
	fputs(prompt, stderr);
	fflush(stderr);
	if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0)
		return false;
	for (;;) {
		ssize_t r = read(fd, &c, 1);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || c == 3 || (c == 4 && n == 0))
			break;
		if (c == '\r' || c == '\n') {
			ok = true;
			break;
		}
		if (c == 127 || c == 8) {
			if (n > 0)
				n--;
		} else if (c == 21) {
			n = 0;
		} else if (n + 1 < size) {
			buf[n++] = (char)c;
		}
	}
	c = 0;
	explicit_bzero(buf + n, size - n);
	tcsetattr(fd, TCSAFLUSH, &old);
	fputc('\n', stderr);
	if (!ok)
		explicit_bzero(buf, size);
	return ok;
}

bool secret_read_line(FILE *f, char *buf, size_t size)
{
	size_t n = 0;
	bool fits = true;
	int c;

	if (size == 0)
		return false;
	while ((c = getc(f)) != EOF && c != '\n') {
		if (n + 1 < size)
			buf[n++] = (char)c;
		else
			fits = false;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	if ((c == EOF && n == 0) || !fits) {
		explicit_bzero(buf, size);
		return false;
	}
	return true;
}
