using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Commands;

/// <summary>Signs an answer with this kiosk's id and the time, once (a replay repeats it unchanged).</summary>
public sealed class CommandStamp(IOptions<KioskOptions> kiosk, TimeProvider time)
{
    public KioskCommandResult Apply(KioskCommandResult result)
    {
        result.KioskId = kiosk.Value.KioskId;
        result.At ??= Timestamp.FromDateTimeOffset(time.GetUtcNow());
        return result;
    }
}
