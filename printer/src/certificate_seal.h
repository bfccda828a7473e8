// The association's seal on the 会员证: its PNG image, or a neutral default drawn in code.
#pragma once

#include <cairo.h>

#include <memory>
#include <string>
#include <string_view>

#include "certificate_layout.h"

namespace md::printer {

// The image at `path`, or null when the path is empty or cairo cannot read it as a PNG.
std::shared_ptr<cairo_surface_t> load_seal_png(const std::string& path);

// The image scaled (aspect kept) and centred in `box`, slightly transparent like stamp ink.
void draw_seal_image(cairo_t* cr, cairo_surface_t* seal, const Box& box);

// A placeholder, plainly not a real seal: a red ring, a five-pointed star, `association`
// along the upper arc and 示意章 under the star, all inside the circle inscribed in `box`.
void draw_default_seal(cairo_t* cr, std::string_view association, const Box& box);

}  // namespace md::printer
