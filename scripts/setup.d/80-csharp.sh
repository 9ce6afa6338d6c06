# .NET binding (issue 15): Mono's C# compiler and runtime, System.Net.Http, System.IO.Compression (the suite opens the ZIPs), NUnit 2.6 and its console runner
# (no .NET SDK is reachable here; the library targets netstandard2.0 and is compiled with mcs).
apt_install mono-mcs mono-runtime libmono-system-net-http4.0-cil nunit-console libnunit-cil-dev \
  libmono-system-io-compression4.0-cil libmono-system-io-compression-filesystem4.0-cil
