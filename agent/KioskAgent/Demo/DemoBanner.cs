using KioskAgent.Api;
using Microsoft.Extensions.Options;

namespace KioskAgent.Demo;

/// <summary>Tells the person who started the demo where the UI is and how to tap a card.</summary>
public sealed class DemoBanner(IOptions<DemoOptions> demo, IOptions<LocalApiOptions> api, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (demo.Value.Enabled)
        {
            lifetime.ApplicationStarted.Register(Print);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var ui = $"http://127.0.0.1:{api.Value.UiPort}/";
        var grpc = $"http://127.0.0.1:{api.Value.GrpcPort}";
        Console.WriteLine($"""

            ==================== KioskAgent demo ====================
             Kiosk UI:   {ui}   (open it in a browser)
             Tap a card: click a card in the demo panel at the bottom of the UI, or
                         dotnet run --project agent/Kioskctl -- --agent {grpc} sim tap 04A1B2C3D4E5F6
             Demo cards: 04A1B2C3D4E5F6 (gold), 5A6B7C8D (silver), 0411223344556677 (diamond),
                         04DE5F1EACC040 (NTAG 424), DEADBEEF (lost card), {DemoMembers.UnknownCardUid} (not registered)
             Technician: user demo, password demo (demo settings only), e.g.
                         dotnet run --project agent/Kioskctl -- --agent {grpc} --user demo --password demo members import FILE.csv
             Stop:       Ctrl+C
            =========================================================

            """);
    }
}
