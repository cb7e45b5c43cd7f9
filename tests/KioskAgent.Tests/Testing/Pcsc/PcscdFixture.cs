using KioskAgent.Hardware.Pcsc.Native;

namespace KioskAgent.Tests.Testing.Pcsc;

/// <summary>
/// One pcscd for all tests of <see cref="PcscCollection"/>. Each test calls <see cref="PrepareAsync"/>
/// first: it restarts pcscd if an earlier test killed it, and waits until pcscd has seen the vpcd
/// readers empty. vpcd cannot tell a card swap from a card that stayed (it only learns of a removal
/// at its next ~400 ms poll, and then takes a waiting card at once), so a card must never be inserted
/// before the previous one is known to be gone.
/// </summary>
public sealed class PcscdFixture : IAsyncLifetime
{
    private static readonly string[] VpcdReaders = ["Virtual PCD 00 00", "Virtual PCD 00 01"];

    private PcscdProcess? _pcscd;

    public PcscdProcess Pcscd => _pcscd ?? throw new InvalidOperationException("pcscd has not been started.");

    public async Task InitializeAsync() => _pcscd = await PcscdProcess.StartAsync();

    public async Task PrepareAsync()
    {
        await Pcscd.StartAgainAsync();
        await Task.Run(() => WaitUntilReadersEmpty(TimeSpan.FromSeconds(10)));
    }

    public async Task DisposeAsync()
    {
        if (_pcscd is not null)
        {
            await _pcscd.DisposeAsync();

            // pcscd's debug log (last lines) next to the other test artifacts, for failed runs.
            await File.WriteAllTextAsync(Path.Combine(TestPaths.Artifacts("pcsc"), "pcscd.log"), _pcscd.Log);
        }
    }

    private static void WaitUntilReadersEmpty(TimeSpan timeout)
    {
        var status = PcscContext.TryEstablish(out var context);
        if (context is null)
        {
            throw new InvalidOperationException($"Cannot reach pcscd: {ScardError.Describe(status)}");
        }

        using (context)
        using (var states = new ReaderStateSet(VpcdReaders))
        {
            var deadline = DateTime.UtcNow + timeout;
            while (DateTime.UtcNow < deadline)
            {
                status = context.GetStatusChange(states, 500);
                if (status == ScardError.Success && Enumerable.Range(0, states.Count).All(i => states.EventState(i).HasFlag(ReaderStates.Empty)))
                {
                    return;
                }

                states.Acknowledge();
            }
        }

        throw new TimeoutException("A card is still on a vpcd reader: a previous test did not remove it.");
    }
}
