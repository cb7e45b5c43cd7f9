using KioskAgent.Api.Technicians;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit;

[Trait("Category", TestCategories.Unit)]
public sealed class TechnicianAuthenticatorTests
{
    private const string Method = "/kiosk.v1.MemberAdmin/ImportMembers";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly RecordingLogger<TechnicianAuthenticator> _log = new();

    private TechnicianAuthenticator Create(TechnicianOptions? options = null) =>
        new(Options.Create(options ?? new TechnicianOptions
        {
            Accounts = [new TechnicianAccount { User = TestTechnician.User, PasswordHash = TestTechnician.PasswordHash }],
            MaxFailedAttempts = 3,
            LockoutSeconds = 60,
        }), _time, _log);

    private static string Basic(string user, string password) => TestTechnician.Headers(user, password).GetValue("authorization")!;

    [Fact]
    public void RightPassword_IsAuthorized_AndLogged()
    {
        var result = Create().Authenticate(Basic(TestTechnician.User, TestTechnician.Password), Method);

        Assert.True(result.Succeeded);
        Assert.Equal(TestTechnician.User, result.Who);
        Assert.Contains(_log.Messages, m => m.Contains("tech authorised for /kiosk.v1.MemberAdmin/ImportMembers", StringComparison.Ordinal));
    }

    [Fact]
    public void WrongPassword_IsRefused_CountedAndLoggedWithoutThePassword()
    {
        var auth = Create();

        var result = auth.Authenticate(Basic(TestTechnician.User, "guess-1234"), Method);

        Assert.Equal(TechnicianAuthOutcome.Refused, result.Outcome);
        Assert.Equal(1, auth.FailedAttempts);
        var line = Assert.Single(_log.Messages);
        Assert.Contains("wrong password", line, StringComparison.Ordinal);
        Assert.DoesNotContain("guess-1234", line, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownUser_IsRefusedLikeAWrongPassword_AndTheNameIsNotLogged()
    {
        var result = Create().Authenticate(Basic("mallory-typed-her-password", TestTechnician.Password), Method);

        Assert.Equal(TechnicianAuthOutcome.Refused, result.Outcome);
        Assert.StartsWith("technician credentials refused", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_log.Messages, m => m.Contains("mallory", StringComparison.Ordinal));
    }

    [Fact]
    public void NoAccountsConfigured_RefusesWithHowToConfigureOne()
    {
        var result = Create(new TechnicianOptions()).Authenticate(Basic(TestTechnician.User, TestTechnician.Password), Method);

        Assert.Equal(TechnicianAuthOutcome.NotConfigured, result.Outcome);
        Assert.Contains("no technician account is configured", result.Message, StringComparison.Ordinal);
        Assert.Contains("kioskctl tech hash-password", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCredentials_SaysWhatToSend()
    {
        var result = Create().Authenticate(null, Method);

        Assert.Equal(TechnicianAuthOutcome.Missing, result.Outcome);
        Assert.Contains("--user/--password", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooManyFailures_LockTheUserOut_EvenForTheRightPassword_UntilTheLockoutEnds()
    {
        var auth = Create();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(TechnicianAuthOutcome.Refused, auth.Authenticate(Basic(TestTechnician.User, $"wrong{i}"), Method).Outcome);
        }

        var locked = auth.Authenticate(Basic(TestTechnician.User, TestTechnician.Password), Method);
        Assert.Equal(TechnicianAuthOutcome.LockedOut, locked.Outcome);
        // The caller hears what every refused caller hears; the log says it was the lockout.
        Assert.Equal(auth.Authenticate(Basic("nobody", "x"), Method).Message, locked.Message);
        Assert.Contains(_log.Messages, m => m.Contains("locked out for 60 s more", StringComparison.Ordinal));
        Assert.Contains(_log.Messages, m => m.Contains("locked out for 60 s after 3 failed attempts", StringComparison.Ordinal));

        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(auth.Authenticate(Basic(TestTechnician.User, TestTechnician.Password), Method).Succeeded);
        Assert.Equal(5, auth.FailedAttempts);
    }

    [Fact]
    public void Success_ResetsTheFailuresInARow()
    {
        var auth = Create();
        auth.Authenticate(Basic(TestTechnician.User, "wrong"), Method);
        auth.Authenticate(Basic(TestTechnician.User, "wrong"), Method);
        auth.Authenticate(Basic(TestTechnician.User, TestTechnician.Password), Method);

        auth.Authenticate(Basic(TestTechnician.User, "wrong"), Method);
        auth.Authenticate(Basic(TestTechnician.User, "wrong"), Method);

        Assert.True(auth.Authenticate(Basic(TestTechnician.User, TestTechnician.Password), Method).Succeeded);
    }

    [Fact]
    public async Task ParallelWrongPasswords_AreCheckedNoMoreThanTheLimit_AndTheRightOneIsRefusedWhileLocked()
    {
        var auth = Create();
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 100).Select(i => Task.Run(() =>
        {
            start.Wait();
            return auth.Authenticate(Basic(TestTechnician.User, $"wrong-{i}"), Method);
        })).ToList();

        start.Set();
        var results = await Task.WhenAll(attempts);

        var checkedAgainstTheHash = _log.Messages.Count(m => m.Contains(": wrong password", StringComparison.Ordinal));
        Assert.InRange(checkedAgainstTheHash, 1, 3);
        Assert.All(results, r => Assert.False(r.Succeeded));
        Assert.False(auth.Authenticate(Basic(TestTechnician.User, TestTechnician.Password), Method).Succeeded);
        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(auth.Authenticate(Basic(TestTechnician.User, TestTechnician.Password), Method).Succeeded);
    }

    [Fact]
    public void Limiter_ACheckEndingAfterALockoutBegan_DoesNotMoveTheLockoutsEnd()
    {
        var limiter = new FailedAttemptLimiter(2, TimeSpan.FromSeconds(60), _time);
        Assert.True(limiter.TryBegin("u", out _));
        Assert.True(limiter.TryBegin("u", out _));
        Assert.False(limiter.TryBegin("u", out _));
        limiter.Fail("u");
        limiter.Fail("u");
        _time.Advance(TimeSpan.FromSeconds(30));

        Assert.False(limiter.TryBegin("u", out var left));
        Assert.Equal(TimeSpan.FromSeconds(30), left);
        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(limiter.TryBegin("u", out _));
    }

    [Fact]
    public void UnknownUser_WrongPassword_AndLockedOutUser_GetTheSameAnswer()
    {
        var auth = Create();
        var answers = new List<TechnicianAuthResult>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(auth.Authenticate(Basic($"stranger-{i}", "pw"), Method));
            answers.Add(auth.Authenticate(Basic(TestTechnician.User, $"wrong{i}"), Method));
        }

        Assert.Single(answers.Select(a => (a.Succeeded, a.Message)).Distinct());
    }

    [Fact]
    public void WrongBearerTokens_LockNobodyOut()
    {
        var (token, hash) = TokenHash.Create();
        var auth = Create(new TechnicianOptions { Tokens = [new TechnicianToken { Name = "provisioning", TokenHash = hash }], MaxFailedAttempts = 3 });
        for (var i = 0; i < 10; i++)
        {
            Assert.False(auth.Authenticate($"Bearer wrong-{i}", Method).Succeeded);
        }

        Assert.True(auth.Authenticate($"Bearer {token}", Method).Succeeded);
    }

    [Fact]
    public void BearerToken_Configured_IsAuthorizedByName_AndAnUnknownOneIsRefused()
    {
        var (token, hash) = TokenHash.Create();
        var auth = Create(new TechnicianOptions { Tokens = [new TechnicianToken { Name = "provisioning", TokenHash = hash }] });

        var ok = auth.Authenticate($"Bearer {token}", Method);
        var refused = auth.Authenticate($"Bearer {token}x", Method);

        Assert.True(ok.Succeeded);
        Assert.Equal("token 'provisioning'", ok.Who);
        Assert.Equal(TechnicianAuthOutcome.Refused, refused.Outcome);
    }

    [Fact]
    public void Validator_ReportsEveryBadSetting_WithoutEchoingHashes()
    {
        var options = new TechnicianOptions
        {
            Accounts =
            [
                new TechnicianAccount { User = "", PasswordHash = "plain-text-password" },
                new TechnicianAccount { User = "a", PasswordHash = TestTechnician.PasswordHash },
                new TechnicianAccount { User = "a", PasswordHash = TestTechnician.PasswordHash },
            ],
            Tokens = [new TechnicianToken { Name = "t", TokenHash = "abc" }],
            MaxFailedAttempts = 0,
        };

        var failures = new TechnicianOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("Technician:Accounts:0:User", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Technician:Accounts:0:PasswordHash", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'a' is configured twice", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Technician:Tokens:0:TokenHash", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Technician:MaxFailedAttempts", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("plain-text-password", StringComparison.Ordinal));
    }
}
