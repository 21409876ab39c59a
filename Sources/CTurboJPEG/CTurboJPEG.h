// libjpeg-turbo's TurboJPEG API: its calls return errors instead of calling exit(), unlike libjpeg's
// default error manager, so hostile uploads cannot end the server.
#include <turbojpeg.h>
