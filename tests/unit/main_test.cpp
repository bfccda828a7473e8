// The doctest main for the unit_tests binary; the suites are the other *_test.cpp files here.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
