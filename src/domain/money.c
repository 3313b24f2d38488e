#include "config.h"
#include "bangfu/common.h"
