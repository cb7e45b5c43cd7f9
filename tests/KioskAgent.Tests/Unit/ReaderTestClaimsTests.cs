using KioskAgent.Devices;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Identity;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class ReaderTestClaimsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);
    private readonly ReaderTestClaims _claims = new();

    [Fact]
    public async Task AClaimedReader_GivesItsCardToTheTest_OtherReadersAreUntouched()
    {
        using var claim = _claims.TryClaim("r1")!;

        Assert.False(_claims.TryTake(Tap("r2")));
        Assert.True(_claims.TryTake(Tap("r1")));
        var read = await claim.NextReadAsync(CancellationToken.None);
        Assert.Equal("r1", read.Tap!.ReaderId);
        Assert.Null(read.Failure);
    }

    [Fact]
    public async Task AFailedRead_GoesToTheTest()
    {
        using var claim = _claims.TryClaim("r1")!;

        Assert.True(_claims.TryTake(new CardReadFailed("r1", T0, "card_removed", "")));
        Assert.Equal("card_removed", (await claim.NextReadAsync(CancellationToken.None)).Failure!.Reason);
    }

    [Fact]
    public void OneTestPerReader_AndADisposedClaimGivesTheReaderBack()
    {
        var first = _claims.TryClaim("r1")!;

        Assert.Null(_claims.TryClaim("r1"));
        Assert.True(_claims.Holds("r1"));
        first.Dispose();
        Assert.False(_claims.Holds("r1"));
        Assert.False(_claims.TryTake(Tap("r1")));
        using var second = _claims.TryClaim("r1");
        Assert.NotNull(second);
    }

    [Fact]
    public async Task NoCard_TheWaitEndsWithTheCancellation()
    {
        using var claim = _claims.TryClaim("r1")!;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => claim.NextReadAsync(cts.Token));
    }

    private static Tap Tap(string reader)
    {
        var uid = CardUid.Parse("04A1B2C3D4E5F6");
        return new Tap(reader, CardReaderRole.Member, new CardPresented(reader, uid, CardTechnology.Simulated, T0), CardIdentityResult.Ok(new CardIdentity(CardIdentityMode.UidOnly, uid, null)));
    }
}
