// The public content a new database starts with (staff edit it later): FAQ, 入会指南, 章程.
#pragma once

#include "core/result.h"
#include "store/db.h"

namespace md::store {

Status seed_public_content(Db& db);

}  // namespace md::store
