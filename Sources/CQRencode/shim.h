// libqrencode: QR code symbols for the posters.
#include <qrencode.h>
