using Google.Protobuf;
using KioskAgent.Contracts.V1;
using KioskAgent.Devices;
using KioskAgent.Draws;
using KioskAgent.Draws.Running;
using KioskAgent.Draws.Sessions;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Identity;
using KioskAgent.Staff;
using KioskAgent.Taps;
using KioskAgent.Tests.Testing;
using Microsoft.Data.Sqlite;
using DrawPoolMode = KioskAgent.Draws.Running.DrawPoolMode;

namespace KioskAgent.Tests.Unit.Draws;

[Trait("Category", TestCategories.Unit)]
public sealed class DrawRuntimeTests : IDisposable
{
    private static readonly DrawRules ThreeTiers = DrawRules.Winners([new DrawTier("一等奖", 1, 1), new DrawTier("二等奖", 2, 2), new DrawTier("三等奖", 3, 3)]);
    private readonly string _directory = TestPaths.NewTempDirectory("draws-runtime");
    private DrawRuntimeHarness _kiosk;

    public DrawRuntimeTests() => _kiosk = new DrawRuntimeHarness(_directory);

    public void Dispose()
    {
        _kiosk.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ADraw_IsJournaledStepByStep_BeforeTheStageShowsIt_AndItsRecordVerifies()
    {
        var draws = _kiosk.Runtime;
        await draws.CreateAsync(Spec("d1"), default);
        var committed = await draws.CommitAsync("d1", default);

        Assert.Equal("committed", committed.State);
        Assert.Equal(64, committed.CommitmentSha256.Length);
        Assert.Equal($"KD1:d1:{committed.CommitmentSha256}", committed.CommitmentQr);
        Assert.Equal(committed.CommitmentSha256, _kiosk.Screen.Current.DrawStage.CommitmentSha256);
        Assert.Single(_kiosk.Printed);
        Assert.Contains("d1", _kiosk.Published);
        var commitTx = Assert.Single(await Transactions());
        Assert.Equal(committed.CommitmentSha256, commitTx.DrawCommitted.CommitmentSha256);
        Assert.Equal("s-1", commitTx.DrawCommitted.StaffId);

        await draws.ContributeAsync("d1", "7 19 33", default);
        var drawn = await draws.DrawAsync("d1", default);

        Assert.Equal("drawn", drawn.State);
        Assert.Equal([3, 2, 1], drawn.Tiers.Select(t => t.Winners.Count));
        Assert.Equal(3u, drawn.Tiers[0].Level); // lowest tier first
        Assert.Equal(1u, drawn.ResultSerial);
        var revealed = (await Transactions())[^1].DrawRevealed;
        var record = revealed.RecordJson;
        Assert.True(DrawVerifier.Verify(System.Text.Encoding.UTF8.GetBytes(record)).IsValid);
        Assert.Contains("\"contribution\":\"7 19 33\"", record, StringComparison.Ordinal);
        Assert.Equal(drawn, _kiosk.Screen.Current.DrawStage);
    }

    [Fact]
    public async Task AnAbsentWinner_IsReplacedByTheNextAlternate_RecordedWithTheReason_NeverRedrawn()
    {
        var draws = _kiosk.Runtime;
        await draws.CreateAsync(Spec("d1"), default);
        await draws.CommitAsync("d1", default);
        var drawn = await draws.DrawAsync("d1", default);
        var record = DrawRecordOf(await draws.ExportAsync("d1", default));
        var absent = drawn.Tiers[1].Winners[0];

        var after = await draws.ReplaceAsync("d1", 1, absent.Id, DrawReplacement.Absent, default);

        Assert.Equal(["replaced_absent", "won", "won"], after.Tiers[1].Winners.Select(w => w.Status));
        Assert.Equal(record.Order[6], after.Tiers[1].Winners[0].ReplacedBy); // six prizes: the seventh of the order is the first alternate
        Assert.Equal(record.Order[6], after.Tiers[1].Winners[1].Id);
        Assert.Equal(2u, after.ResultSerial);
        var replacement = (await Transactions())[^1].DrawReplacement;
        Assert.Equal((absent.Id, record.Order[6], "absent"), (replacement.Replaced, replacement.By, replacement.Reason));

        var claimed = await draws.ClaimAsync("d1", 0, after.Tiers[0].Winners[0].Id, default);
        Assert.Equal("claimed", claimed.Tiers[0].Winners[0].Status);
        var claimedError = await Assert.ThrowsAsync<DrawRefusedException>(() => draws.ReplaceAsync("d1", 0, after.Tiers[0].Winners[0].Id, DrawReplacement.Absent, default));
        Assert.Equal(DrawRefusal.FailedPrecondition, claimedError.Refusal);

        var locked = await draws.LockAsync("d1", default);
        Assert.Equal("locked", locked.State);
        var final = await draws.ExportAsync("d1", default);
        Assert.True(DrawVerifier.Verify(final).IsValid);
        Assert.Single(DrawRecordOf(final).Replacements);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(final), (await Transactions())[^1].DrawLocked.RecordJson);
        await Assert.ThrowsAsync<DrawRefusedException>(() => draws.ClaimAsync("d1", 1, after.Tiers[1].Winners[1].Id, default));
    }

    [Fact]
    public async Task WithoutAStaffSession_NothingHappens_AndVoidingAWinnerNeedsASupervisor()
    {
        _kiosk.Current = null;
        var noStaff = await Assert.ThrowsAsync<DrawRefusedException>(() => _kiosk.Runtime.CreateAsync(Spec("d1"), default));
        Assert.Equal(DrawRefusal.PermissionDenied, noStaff.Refusal);

        _kiosk.Current = new StaffIdentity("s-1", "Staff", StaffRole.Staff);
        await _kiosk.Runtime.CreateAsync(Spec("d1"), default);
        await _kiosk.Runtime.CommitAsync("d1", default);
        var drawn = await _kiosk.Runtime.DrawAsync("d1", default);
        var winner = drawn.Tiers[2].Winners[0].Id;
        var staffVoid = await Assert.ThrowsAsync<DrawRefusedException>(() => _kiosk.Runtime.ReplaceAsync("d1", 2, winner, DrawReplacement.Disqualified, default));
        Assert.Equal(DrawRefusal.PermissionDenied, staffVoid.Refusal);

        _kiosk.Current = new StaffIdentity("v-1", "Supervisor", StaffRole.Supervisor);
        var voided = await _kiosk.Runtime.ReplaceAsync("d1", 2, winner, DrawReplacement.Disqualified, default);
        Assert.Equal("replaced_disqualified", voided.Tiers[2].Winners[0].Status);
        Assert.Equal("v-1", (await Transactions())[^1].DrawReplacement.StaffId);
    }

    [Fact]
    public async Task TheSeed_IsSealedAtRest_AndARestartedKioskDrawsTheCommittedDraw()
    {
        await _kiosk.Runtime.CreateAsync(Spec("d1"), default);
        var committed = await _kiosk.Runtime.CommitAsync("d1", default);
        Restart();

        var drawn = await _kiosk.Runtime.DrawAsync("d1", default);

        Assert.Equal(committed.CommitmentSha256, drawn.CommitmentSha256);
        var file = await File.ReadAllBytesAsync(Path.Combine(_directory, SqliteDrawStepStore.FileName));
        var wal = Path.Combine(_directory, SqliteDrawStepStore.FileName + "-wal");
        var text = System.Text.Encoding.ASCII.GetString([.. file, .. File.Exists(wal) ? await File.ReadAllBytesAsync(wal) : []]);
        Assert.DoesNotContain(drawn.Seed[..24], text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"seed\"", text, StringComparison.Ordinal);
        Assert.True(DrawVerifier.Verify(await _kiosk.Runtime.ExportAsync("d1", default)).IsValid);
    }

    [Fact]
    public async Task ADrawACrashLeftDrawnButUnrevealed_IsRevealedAtStart_WithTheSameWinners()
    {
        await _kiosk.Runtime.CreateAsync(Spec("d1"), default);
        await _kiosk.Runtime.CommitAsync("d1", default);
        _kiosk.Dispose();
        using (var store = new SqliteDrawStepStore(Path.Combine(_directory, SqliteDrawStepStore.FileName), new DrawSeedSeal(DrawRuntimeHarness.Secret)))
        {
            var sessions = new DrawSessions(store, TimeProvider.System);
            var session = (await sessions.ResumeAsync("d1"))!;
            await sessions.StepAsync(session, session.Draw()); // the crash came before the reveal
        }

        var expected = DrawComputation.Draw(SessionCommitment(), PoolOf(), SeedOf(), "");
        _kiosk = new DrawRuntimeHarness(_directory);
        await _kiosk.Runtime.RecoverAsync(default);

        var record = DrawRecordOf(await _kiosk.Runtime.ExportAsync("d1", default));
        Assert.Equal(expected.Winners, record.Winners);
        Assert.Equal(expected.Order, record.Order);
        Assert.Equal(Transaction.BodyOneofCase.DrawRevealed, (await Transactions())[^1].BodyCase);
        Assert.Equal("drawn", _kiosk.Screen.Current.DrawStage.State); // the stage is back
    }

    [Fact]
    public async Task TapToJoin_AddsEachMemberOnce_ShowsTheirCode_AndFreezingTakesExactlyThem()
    {
        _kiosk.Members["04A1B2C3D4E5F6"] = new DrawJoinMember("M0001", "张*");
        _kiosk.Members["04A1B2C3D4E5F7"] = new DrawJoinMember("M0002", "李*");
        await _kiosk.Runtime.CreateAsync(Spec("j1", DrawPoolMode.TapToJoin, DrawRules.Winners([new DrawTier("奖", 1, 1)])), default);
        Assert.Same(_kiosk.Runtime, _kiosk.Router.Current);

        await Tap("04A1B2C3D4E5F6");
        var joined = _kiosk.Screen.Current.DrawStage;
        Assert.Equal(("张*", 1u), (joined.JoinedMaskedName, joined.PoolCount));
        Assert.Equal(8, joined.JoinedCode.Length);
        await Tap("04A1B2C3D4E5F6");
        Assert.Equal(joined.JoinedCode, _kiosk.Screen.Current.DrawStage.JoinedCode);
        await Tap("04A1B2C3D4E5F7");
        await Tap("04FFFFFFFFFFFF");
        Assert.Equal(("not_a_member", 2u), (_kiosk.Screen.Current.DrawStage.JoinRefusal, _kiosk.Screen.Current.DrawStage.PoolCount));

        var frozen = await _kiosk.Runtime.FreezeAsync("j1", default);
        await Tap("04A1B2C3D4E5F6");

        Assert.Equal(("frozen", 2u), (frozen.State, frozen.PoolCount));
        Assert.Equal("joining_closed", _kiosk.Screen.Current.DrawStage.JoinRefusal);
        await _kiosk.Runtime.LeaveStageAsync("j1", default);
        Assert.Null(_kiosk.Router.Current);
    }

    [Fact]
    public async Task EarlierWinnersOfTheActivity_AreExcludedFromItsNextDraw()
    {
        await _kiosk.Runtime.CreateAsync(Spec("d1"), default);
        await _kiosk.Runtime.CommitAsync("d1", default);
        var first = await _kiosk.Runtime.DrawAsync("d1", default);

        var second = await _kiosk.Runtime.CreateAsync(Spec("d2"), default);
        await _kiosk.Runtime.CommitAsync("d2", default);
        var record = DrawRecordOf(await _kiosk.Runtime.DrawAsync("d2", default) is { } _ ? await _kiosk.Runtime.ExportAsync("d2", default) : []);

        Assert.Equal(14u, second.PoolCount);
        Assert.Equal(first.Tiers.SelectMany(t => t.Winners).Select(w => w.Id).Order(), record.Commitment.Rules.Excluded.Select(e => e.Id).Order());
        Assert.All(record.Commitment.Rules.Excluded, e => Assert.Equal(DrawExclusion.EarlierWinner, e.Reason));
    }

    [Fact]
    public async Task ADrawWhosePoolIsEmpty_IsRefused_AndLeavesNothingBehind_SoItsIdCanBeUsedOnceThereAreEntrants()
    {
        var everyone = _kiosk.CheckedIn.ToList();
        _kiosk.CheckedIn.Clear();

        var refused = await Assert.ThrowsAsync<DrawRefusedException>(() => _kiosk.Runtime.CreateAsync(Spec("d1"), default));

        Assert.Equal(DrawRefusal.FailedPrecondition, refused.Refusal);
        Assert.Contains("empty", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await _kiosk.Runtime.DrawIdsAsync());
        Assert.Empty(await Transactions());
        Restart();
        Assert.Empty(await _kiosk.Runtime.DrawIdsAsync());
        await _kiosk.Runtime.RecoverAsync(default);
        Assert.Equal(everyone, _kiosk.CheckedIn); // the restarted kiosk's activity has its check-ins again
        var made = await _kiosk.Runtime.CreateAsync(Spec("d1"), default);
        Assert.Equal(((uint)everyone.Count, "frozen"), (made.PoolCount, made.State));
    }

    private static DrawSpec Spec(string id, DrawPoolMode mode = DrawPoolMode.CheckIns, DrawRules? rules = null) =>
        new(id, "年会抽奖", "act-1", mode, rules ?? ThreeTiers);

    private static DrawRecord DrawRecordOf(byte[] json) => DrawRecordReader.Read(CanonicalJson.Parse(json), out _);

    private void Restart()
    {
        _kiosk.Dispose();
        _kiosk = new DrawRuntimeHarness(_directory);
    }

    private Task Tap(string uid)
    {
        var card = CardUid.Parse(uid);
        var tap = new Tap("r1", CardReaderRole.Member, new CardPresented("r1", card, CardTechnology.MifareClassic1K, _kiosk.Time.GetUtcNow()), CardIdentityResult.Ok(new CardIdentity(CardIdentityMode.UidOnly, card, null)));
        return _kiosk.Router.TryRouteAsync(tap, default);
    }

    private async Task<List<Transaction>> Transactions() =>
        [.. (await _kiosk.Journal.PendingAsync(1000)).Select(e => JsonParser.Default.Parse<Transaction>(e.Payload))];

    private IReadOnlyList<DrawStep> Steps()
    {
        using var store = new SqliteDrawStepStore(Path.Combine(_directory, SqliteDrawStepStore.FileName), new DrawSeedSeal(DrawRuntimeHarness.Secret));
        return store.LoadAsync("d1").GetAwaiter().GetResult();
    }

    private DrawCommitment SessionCommitment() => DrawSession.Resume(Steps(), TimeProvider.System).Commitment!;

    private IReadOnlyList<DrawEntrant> PoolOf() => Steps()[0].Pool!;

    private byte[] SeedOf() => Steps()[1].Seed!;
}
