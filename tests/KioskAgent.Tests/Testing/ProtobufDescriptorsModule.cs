using System.Runtime.CompilerServices;
using KioskAgent.Hosting;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// The test process runs agents' services, kioskctl commands and central fakes in-process, many tests at
/// once: every protobuf descriptor is built here, once, before any test's thread can build one
/// (Google.Protobuf's descriptor building is not safe to run on two threads at once; see ContractDescriptors).
/// </summary>
internal static class ProtobufDescriptorsModule
{
#pragma warning disable CA2255 // The test assembly is loaded by the test runner only; this is its process-wide start-up.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => AgentProgram.InitializeDescriptors();
}
