using KioskAgent.Devices;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.KeyboardWedge;
using Microsoft.Extensions.Options;

namespace KioskAgent.Scanners;

/// <summary>
/// Creates the configured code scanners (<c>Devices:Scanners</c>) once, each through its kind. A
/// scanner opens its device only when watched, and keeps trying while it is missing, so creating
/// one never fails for want of hardware.
/// </summary>
public sealed class ScannerRegistry : IAsyncDisposable
{
    private readonly List<ConfiguredScanner> _scanners = [];

    public ScannerRegistry(IOptions<DeviceOptions> options, DeviceKinds kinds, IConfiguration configuration, TimeProvider time)
    {
        var sections = configuration.GetSection(DeviceOptions.ScannersSection).GetChildren().ToList();
        foreach (var (configured, index) in options.Value.Scanners.Select((s, i) => (s, i)))
        {
            // Validation at start has reported unknown kinds and bad settings already.
            var kind = kinds.Find<ICodeScanner>(configured.Kind)
                ?? throw new InvalidOperationException($"Scanner kind '{configured.Kind}' is not registered.");
            var section = index < sections.Count ? sections[index] : configuration.GetSection($"{DeviceOptions.ScannersSection}:{index}");
            var settings = DeviceSettings.Bind(kind, section).Settings
                ?? throw new InvalidOperationException($"The settings of scanner '{configured.Id}' do not bind.");
            _scanners.Add(new ConfiguredScanner(configured, (ICodeScanner)kind.Create(new DeviceContext(configured.Id, time), settings)));
        }
    }

    public IReadOnlyList<ConfiguredScanner> Scanners => _scanners;

    /// <summary>The simulated scanner with this id, or the first one when <paramref name="scannerId"/> is empty.</summary>
    public SimulatedCodeScanner? FindSimulated(string? scannerId) =>
        _scanners.Select(s => s.Scanner).OfType<SimulatedCodeScanner>().FirstOrDefault(s => string.IsNullOrEmpty(scannerId) || s.ScannerId == scannerId);

    public async ValueTask DisposeAsync()
    {
        foreach (var configured in _scanners)
        {
            await configured.Scanner.DisposeAsync().ConfigureAwait(false);
        }
    }
}
