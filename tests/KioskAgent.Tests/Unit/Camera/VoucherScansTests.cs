using KioskAgent.Camera;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit.Camera;

[Trait("Category", TestCategories.Unit)]
public sealed class VoucherScansTests
{
    private static readonly VoucherScan Scan = new("camera", "KV1:abcdefghijklmnop", DateTimeOffset.UnixEpoch);

    [Fact]
    public void WithNobodyListening_PublishSaysSo() => Assert.Equal(0, new VoucherScans().Publish(Scan));

    [Fact]
    public async Task AStaffFeatureThatSubscribed_GetsTheVoucher()
    {
        var vouchers = new VoucherScans();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var reader = vouchers.SubscribeAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = reader.MoveNextAsync();
        await Eventually.TrueAsync(() => vouchers.Publish(Scan) == 1, "the subscription to take a voucher");

        Assert.True(await next);
        Assert.Equal(("KV ****mnop", "camera"), (reader.Current.Masked, reader.Current.SourceId));
        await cts.CancelAsync();
        await reader.DisposeAsync();
        Assert.Equal(0, vouchers.Publish(Scan));
    }
}
