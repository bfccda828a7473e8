// ?page=&page_size= of list routes, read one way everywhere: a bad value is a 400, never
// silently page 1.
#pragma once

#include <optional>

#include "http/message.h"

namespace md::api {

struct Paging {
  int page = 1;
  int page_size = 20;
};

// Fills `out` from the query: positive integers, page_size at most max_size; an absent (or
// empty) one takes 1 / default_size. Returns the 400 answer (validation_failed, the field
// named) when a value is not such a number.
std::optional<http::Response> read_paging(const http::Request& req, int default_size, int max_size,
                                          Paging& out);

}  // namespace md::api
