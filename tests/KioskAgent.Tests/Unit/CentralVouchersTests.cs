using System.Text;
using KioskAgent.Central;
using KioskAgent.Central.Transactions;
using KioskAgent.Central.Vouchers;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using MQTTnet;

namespace KioskAgent.Tests.Unit;

/// <summary>The reference central's voucher part, fed transactions as the kiosks send them.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class CentralVouchersTests : IDisposable
{
    private readonly TransactionStore _store = new();
    private readonly CentralVouchers _vouchers;

    public CentralVouchersTests() => _vouchers = new CentralVouchers(_store);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task AVoucher_IsFound_ThenUsed_AndASecondUseElsewhere_IsCountedNotTaken()
    {
        Assert.False(_vouchers.Answer("K7QX-4MRD").Found);
        await SendAsync("kiosk-a", 1, new Transaction { Redemption = new Redemption { VoucherCode = "K7QX-4MRD", GiftCode = "mug", MemberNumber = "80001001" } });
        var found = _vouchers.Answer("K7QX-4MRD");
        Assert.True(found.Found);
        Assert.Equal("kiosk-a", found.IssuedKioskId);
        Assert.Null(found.UsedAt);

        await SendAsync("kiosk-b", 1, new Transaction { VoucherUse = new VoucherUse { VoucherCode = "K7QX-4MRD", StaffName = "Li Lei" } });
        await SendAsync("kiosk-a", 2, new Transaction { VoucherUse = new VoucherUse { VoucherCode = "K7QX-4MRD", StaffName = "Wang Fang" } });

        var used = _vouchers.Answer("K7QX-4MRD");
        Assert.Equal("kiosk-b", used.UsedKioskId);
        Assert.Equal("Li Lei", used.UsedBy);
        Assert.Equal(1, _vouchers.DoubleUses);
    }

    [Fact]
    public async Task ATransactionNamingAnotherKiosk_TeachesNothing()
    {
        var forged = new Transaction { Id = Guid.CreateVersion7().ToString(), Sequence = 1, SiteId = "site", KioskId = "kiosk-b", Redemption = new Redemption { VoucherCode = "K7QX-4MRD" } };
        await _vouchers.HandleAsync(Message("kiosk-a", forged), CancellationToken.None);

        Assert.False(_vouchers.Answer("K7QX-4MRD").Found);
    }

    private Task SendAsync(string kiosk, ulong sequence, Transaction transaction)
    {
        transaction.Id = Guid.CreateVersion7().ToString();
        transaction.Sequence = sequence;
        transaction.SiteId = "site";
        transaction.KioskId = kiosk;
        transaction.OccurredAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        return _vouchers.HandleAsync(Message(kiosk, transaction), CancellationToken.None);
    }

    private static CentralMessage Message(string kiosk, Transaction transaction) =>
        new("site", kiosk, "tx", new MqttApplicationMessageBuilder().WithTopic($"kiosk/v1/site/{kiosk}/tx").WithPayload(Encoding.UTF8.GetBytes(CentralMessages.Json.Format(transaction))).Build());
}
