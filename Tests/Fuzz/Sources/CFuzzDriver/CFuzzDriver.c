// The declaration in include/CFuzzDriver.h is all this target is for.
#include "CFuzzDriver.h"
