using KioskAgent.Hosting;
using Microsoft.Extensions.Options;

namespace KioskAgent.Update;

/// <summary>The update directory of this agent, resolved from Update:Directory and the data directory.</summary>
public sealed class UpdatePaths(IOptions<UpdateOptions> options, IOptions<KioskOptions> kiosk)
{
    public UpdateSlots Slots { get; } = new(options.Value.ResolveDirectory(Path.GetFullPath(kiosk.Value.DataDirectory)));
}
