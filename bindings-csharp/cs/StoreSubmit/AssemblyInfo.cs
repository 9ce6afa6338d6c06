using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("StoreSubmit")]
[assembly: AssemblyDescription("Microsoft Store submissions (apps, add-ons, flights, MSI/EXE, Partner Center ingestion) over the storesubmit core")]
[assembly: AssemblyVersion("0.1.0.0")]
[assembly: AssemblyInformationalVersion("0.1.0")]
// The test suite replays the shared flow transcripts on the native flow with the transcript's clock.
[assembly: InternalsVisibleTo("StoreSubmit.Tests")]
