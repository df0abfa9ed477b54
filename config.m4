dnl config.m4 for crmguard — phpize && ./configure && make && make test
dnl
dnl Libraries: MariaDB Connector/C through pkg-config (Debian: libmariadb-dev),
dnl libcsv through a link test (Debian: libcsv-dev; it ships no .pc file).

PHP_ARG_ENABLE([crmguard],
  [whether to enable crmguard support],
  [AS_HELP_STRING([--enable-crmguard],
    [Enable crmguard: phone normalization, CRM import and call-ownership checks])],
  [no])

PHP_ARG_WITH([libcsv-dir],
  [for the libcsv installation prefix],
  [AS_HELP_STRING([[--with-libcsv-dir[=DIR]]],
    [crmguard: libcsv installation prefix (default: the system's include and library paths)])],
  [no],
  [no])

if test "$PHP_CRMGUARD" != "no"; then

  dnl ---- MariaDB Connector/C ------------------------------------------------
  PKG_PROG_PKG_CONFIG
  if test -z "$PKG_CONFIG"; then
    AC_MSG_ERROR([crmguard needs pkg-config to find libmariadb (Debian: apt-get install pkg-config)])
  fi
  AC_MSG_CHECKING([for libmariadb via pkg-config])
  if $PKG_CONFIG --exists libmariadb; then
    CRMGUARD_MARIADB_VERSION=`$PKG_CONFIG --modversion libmariadb`
    CRMGUARD_MARIADB_CFLAGS=`$PKG_CONFIG --cflags libmariadb`
    CRMGUARD_MARIADB_LIBS=`$PKG_CONFIG --libs libmariadb`
    AC_MSG_RESULT([$CRMGUARD_MARIADB_VERSION])
  else
    AC_MSG_RESULT([no])
    AC_MSG_ERROR([crmguard needs MariaDB Connector/C (libmariadb.pc not found; Debian: apt-get install libmariadb-dev)])
  fi
  PHP_EVAL_INCLINE($CRMGUARD_MARIADB_CFLAGS)
  PHP_EVAL_LIBLINE($CRMGUARD_MARIADB_LIBS, CRMGUARD_SHARED_LIBADD)

  dnl ---- libcsv --------------------------------------------------------------
  CRMGUARD_CSV_LDFLAGS=
  if test "$PHP_LIBCSV_DIR" != "no" && test "$PHP_LIBCSV_DIR" != "yes"; then
    if test ! -r "$PHP_LIBCSV_DIR/include/csv.h"; then
      AC_MSG_ERROR([csv.h not found in $PHP_LIBCSV_DIR/include])
    fi
    PHP_ADD_INCLUDE($PHP_LIBCSV_DIR/include)
    CRMGUARD_CSV_LDFLAGS="-L$PHP_LIBCSV_DIR/$PHP_LIBDIR"
    CRMGUARD_CSV_LIBDIR="$PHP_LIBCSV_DIR/$PHP_LIBDIR"
  else
    AC_CHECK_HEADER([csv.h], [],
      [AC_MSG_ERROR([crmguard needs libcsv: csv.h not found (Debian: apt-get install libcsv-dev)])])
  fi
  PHP_CHECK_LIBRARY(csv, csv_init,
    [
      if test -n "$CRMGUARD_CSV_LIBDIR"; then
        PHP_ADD_LIBRARY_WITH_PATH(csv, $CRMGUARD_CSV_LIBDIR, CRMGUARD_SHARED_LIBADD)
      else
        PHP_ADD_LIBRARY(csv, 1, CRMGUARD_SHARED_LIBADD)
      fi
      AC_DEFINE(HAVE_CRMGUARD_LIBCSV, 1, [Whether libcsv is available])
    ],
    [AC_MSG_ERROR([crmguard needs libcsv: csv_init() not found in -lcsv (Debian: apt-get install libcsv-dev)])],
    [$CRMGUARD_CSV_LDFLAGS])

  PHP_SUBST(CRMGUARD_SHARED_LIBADD)

  dnl ---- sources -------------------------------------------------------------
  dnl The glue (ext/*.c) and the plain-C core (ext/core/*.c, no Zend headers):
  dnl every C file there is part of the extension, so adding one needs no edit
  dnl here (scripts/lib.sh re-runs configure when the list changes).
  CRMGUARD_SOURCES=`cd "$srcdir" && echo ext/*.c ext/core/*.c`

  PHP_NEW_EXTENSION(crmguard, $CRMGUARD_SOURCES, $ext_shared,,
    [-std=gnu11 -Wall -Wextra -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1])
  PHP_ADD_BUILD_DIR($ext_builddir/ext, 1)
  PHP_ADD_BUILD_DIR($ext_builddir/ext/core, 1)
  PHP_ADD_INCLUDE($ext_srcdir/ext)
fi
