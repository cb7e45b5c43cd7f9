using System.Text;
using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Hardware.KeyboardWedge;

/// <summary>SerialCodeScanner on one end of a real socat pty pair; the test plays a USB-CDC scanner on the other end.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SerialCodeScannerIntegrationTests : IAsyncLifetime
{
    private SocatPtyPair _pair = null!;

    public async Task InitializeAsync() => _pair = await SocatPtyPair.StartAsync();

    public async Task DisposeAsync() => await _pair.DisposeAsync();

    [Fact]
    public async Task WatchAsync_VoucherLine_GarbageLine_ThenMemberLine_DeliversTheCodesAndCountsTheGarbage()
    {
        await using var scanner = new SerialCodeScanner("scanner-1", new SerialCardReaderOptions
        {
            PortName = _pair.PathA,
            MaxLength = CodeScannerSettings.DefaultMaxLength,
            ReopenInterval = TimeSpan.FromMilliseconds(100),
        });
        await using var log = new ScanEventLog(scanner);
        await log.WaitForAsync<ScannerStatusChanged>(s => s.Available);

        await SendAsync("KV1:ABCD2345:3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f\r\n");
        var voucher = await log.WaitForAsync<CodeScanned>();
        await SendAsync(new string('Z', 2000) + "\r\n");
        var failed = await log.WaitForAsync<CodeScanFailed>();
        await SendAsync("KM1:demo-member-80001001\r\n");
        var member = await log.WaitForAsync<CodeScanned>(index: 1);

        Assert.Equal("KV1:ABCD2345:3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f", voucher.Text);
        Assert.Equal("too_long", failed.Reason);
        Assert.Equal("KM1:demo-member-80001001", member.Text);
        Assert.Equal(1, scanner.ReadFailureCount);
        Assert.False(log.Completed);
    }

    /// <summary>Writes as the scanner would; the pty is raw, so bytes arrive unchanged.</summary>
    private async Task SendAsync(string line)
    {
        await using var device = new FileStream(_pair.PathB, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        await device.WriteAsync(Encoding.ASCII.GetBytes(line));
        await device.FlushAsync();
    }
}
