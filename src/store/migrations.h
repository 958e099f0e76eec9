// Schema migrations for the SQLite store. Internal.
#ifndef SITREP_SRC_STORE_MIGRATIONS_H_
#define SITREP_SRC_STORE_MIGRATIONS_H_

#include <sqlite3.h>

#include "sitrep/status.h"

namespace sitrep::store {

Result<int> SchemaVersion(sqlite3* db);
// Brings the schema to `target`; refuses a database newer than that.
Status Migrate(sqlite3* db, int target);

}  // namespace sitrep::store

#endif  // SITREP_SRC_STORE_MIGRATIONS_H_
