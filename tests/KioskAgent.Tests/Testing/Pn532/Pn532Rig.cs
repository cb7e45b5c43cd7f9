using KioskAgent.Hardware.Pn532;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Testing.Pn532;

/// <summary>
/// A PN532 reader under test on a real socat pty pair: the binding opens one end as its serial port,
/// the simulated PN532 answers on the other.
/// </summary>
public sealed class Pn532Rig : IAsyncDisposable
{
    private Pn532Rig(SocatPtyPair pty, SimulatedPn532Hsu chip)
    {
        Pty = pty;
        Chip = chip;
    }

    public SocatPtyPair Pty { get; }

    public SimulatedPn532Hsu Chip { get; }

    public SimulatedPn532 Firmware => Chip.Firmware;

    public Pn532HostLink Link => Chip.Link;

    public static async Task<Pn532Rig> StartAsync()
    {
        var pty = await SocatPtyPair.StartAsync();
        return new Pn532Rig(pty, new SimulatedPn532Hsu(pty.PathB));
    }

    /// <summary>A reader on the device end; short poll and retry times keep the tests quick.</summary>
    public Pn532CardReader NewReader(string readerId = "member-1") =>
        new(readerId, () => Pn532Connection.Open(new Pn532ConnectionOptions { Transport = Pn532Transport.Hsu, PortName = Pty.PathA }),
            new Pn532CardReaderOptions { RetryDelay = TimeSpan.FromMilliseconds(200) });

    public async ValueTask DisposeAsync()
    {
        Chip.Dispose();
        await Pty.DisposeAsync();
    }
}
