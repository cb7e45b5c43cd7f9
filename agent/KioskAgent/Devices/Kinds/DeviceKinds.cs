using KioskAgent.Hardware.Devices;

namespace KioskAgent.Devices.Kinds;

/// <summary>
/// Every kind of device this agent can be configured with, as the bindings registered them
/// (<see cref="DeviceKindServiceCollectionExtensions.AddDeviceKind"/>). Configuration names a kind;
/// this finds it, and says what it can do.
/// </summary>
public sealed class DeviceKinds
{
    private readonly IReadOnlyList<IDeviceKind> _kinds;

    public DeviceKinds(IEnumerable<IDeviceKind> kinds)
    {
        _kinds = [.. kinds];
        var duplicate = _kinds.GroupBy(k => (k.DeviceType, Name: k.Name.ToUpperInvariant())).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Device kind '{duplicate.First().Name}' for {duplicate.Key.DeviceType.Name} is registered more than once.");
        }
    }

    public IReadOnlyList<IDeviceKind> All => _kinds;

    /// <summary>The kind of <typeparamref name="TDevice"/> called <paramref name="name"/> (ignoring case), or null.</summary>
    public IDeviceKind? Find<TDevice>(string? name) =>
        _kinds.FirstOrDefault(k => k.DeviceType == typeof(TDevice) && string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The names configuration may use for <typeparamref name="TDevice"/>, for error messages.</summary>
    public IEnumerable<string> NamesOf<TDevice>() => _kinds.Where(k => k.DeviceType == typeof(TDevice)).Select(k => k.Name);
}
