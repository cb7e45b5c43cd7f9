using Google.Protobuf.Reflection;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Contracts;

/// <summary>
/// Builds the protobuf descriptors of every kiosk contract once, on the calling thread. Google.Protobuf
/// builds a file's descriptor in its generated class's static initializer, and on the way caches the
/// extensions of its dependencies in a static dictionary that is not safe for concurrent use
/// (protocolbuffers/protobuf#29696). Two threads building descriptors at once can corrupt it; the class
/// whose initializer threw stays unusable until the process ends (every later use of its messages'
/// descriptors, JSON formatting included, throws TypeInitializationException). A process calls this
/// at its start, before its threads run; a descriptor built already is not built again.
/// </summary>
public static class ContractDescriptors
{
    /// <summary>Every file of protos/kiosk/v1, its imports with it. ContractDescriptorsTests checks none is missing.</summary>
    public static IReadOnlyList<FileDescriptor> Initialize() =>
    [
        CheckinReflection.Descriptor,
        CheckinRelayReflection.Descriptor,
        CommandsReflection.Descriptor,
        ConfigReflection.Descriptor,
        DeviceSimulatorReflection.Descriptor,
        DevicesReflection.Descriptor,
        DrawsReflection.Descriptor,
        KioskUiReflection.Descriptor,
        LinkReflection.Descriptor,
        MemberAdminReflection.Descriptor,
        MembersReflection.Descriptor,
        ProvisioningReflection.Descriptor,
        StaffReflection.Descriptor,
        TelemetryReflection.Descriptor,
        TransactionReflection.Descriptor,
        UpdateReflection.Descriptor,
        VouchersReflection.Descriptor,
    ];
}
