# Independent ZIP readers the packaging tests check archives with (unzip, 7z, Mono's ZipArchive via mcs),
# and Info-ZIP `zip` + GNU time for the packaging benchmark.
apt_install unzip zip p7zip-full time mono-mcs mono-runtime libmono-system-io-compression4.0-cil libmono-system-io-compression-filesystem4.0-cil
