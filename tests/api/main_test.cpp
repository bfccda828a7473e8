// The doctest main for the api_tests binary; the suites are the other *_test.cpp files here and
// share harness.{h,cpp} (a real daemon on an ephemeral port, driven over HTTP with libcurl).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
