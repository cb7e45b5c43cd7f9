using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace KioskAgent.Api.Technicians;

/// <summary>
/// Checks technician credentials against the configured accounts and tokens. Failures are counted,
/// logged without the password, and rate-limited per user (<see cref="FailedAttemptLimiter"/>). Every
/// refusal has the same status, message and PBKDF2 work: an unknown user, a wrong password and a
/// locked-out user cannot be told apart by a caller, by the answer or by its time.
/// </summary>
public sealed partial class TechnicianAuthenticator
{
    private const string UnknownUserKey = "(unknown user)";
    private const string BearerKey = "(bearer token)";

    private readonly TechnicianOptions _options;
    private readonly Dictionary<string, PasswordHash> _accounts;
    private readonly List<(string Name, byte[] Digest)> _tokens;
    private readonly PasswordHash _decoy;
    private readonly string _refusedMessage;
    private readonly FailedAttemptLimiter _limiter;
    private readonly ILogger<TechnicianAuthenticator> _logger;
    private long _failedAttempts;

    public TechnicianAuthenticator(IOptions<TechnicianOptions> options, TimeProvider time, ILogger<TechnicianAuthenticator> logger)
    {
        _options = options.Value;
        _logger = logger;
        _accounts = _options.Accounts.ToDictionary(a => a.User, a => Parse(a.PasswordHash), StringComparer.Ordinal);
        _tokens = [.. _options.Tokens.Select(t => (t.Name, TokenHash.TryParse(t.TokenHash, out var d) ? d : []))];
        _decoy = PasswordHash.Create(Guid.NewGuid().ToString(), _accounts.Values.FirstOrDefault()?.Iterations ?? PasswordHash.DefaultIterations);
        _limiter = new FailedAttemptLimiter(_options.MaxFailedAttempts, TimeSpan.FromSeconds(_options.LockoutSeconds), time);
        _refusedMessage = $"technician credentials refused (after {_options.MaxFailedAttempts} failed attempts in a row a user is locked out for {_options.LockoutSeconds} s)";
    }

    /// <summary>Failed attempts since the agent started.</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    public TechnicianAuthResult Authenticate(string? authorization, string method)
    {
        if (!_options.AnyConfigured)
        {
            return new(TechnicianAuthOutcome.NotConfigured, "", "technician methods are disabled on this kiosk: no technician account is configured (Technician:Accounts; make a password hash with 'kioskctl tech hash-password')");
        }

        if (!TechnicianCredentials.TryParse(authorization, out var credentials, out var error))
        {
            var outcome = string.IsNullOrWhiteSpace(authorization) ? "no credentials" : "unreadable credentials";
            Failed("(none)", outcome, method, lockable: false);
            return new(TechnicianAuthOutcome.Missing, "", string.IsNullOrWhiteSpace(authorization) ? "technician credentials required (kioskctl --user/--password, or authorization metadata 'Basic base64(user:password)')" : error);
        }

        return credentials!.IsBearer ? CheckToken(credentials.Secret, method) : CheckPassword(credentials.User!, credentials.Secret, method);
    }

    private TechnicianAuthResult CheckPassword(string user, string password, string method)
    {
        var known = _accounts.TryGetValue(user, out var hash);
        var key = known ? user : UnknownUserKey;
        if (!_limiter.TryBegin(key, out var lockedFor))
        {
            // The same work and the same answer as a wrong password: neither the status nor the
            // time tells a caller whether the name exists or is locked out.
            _decoy.Verify(password);
            Failed(key, lockedFor > TimeSpan.Zero ? $"locked out for {Math.Ceiling(lockedFor.TotalSeconds):0} s more" : "too many checks at once", method, lockable: false);
            return new(TechnicianAuthOutcome.LockedOut, "", _refusedMessage);
        }

        var verified = (hash ?? _decoy).Verify(password) && known;
        if (!verified)
        {
            return Refused(key, known ? "wrong password" : "unknown user", method);
        }

        _limiter.Succeed(key);
        return Authorized(key, method);
    }

    /// <summary>
    /// A token is 32 random bytes: it cannot be guessed, so wrong tokens lock nothing out (five
    /// wrong ones from anybody would otherwise lock out every technician's token). They are counted
    /// and logged like every failure.
    /// </summary>
    private TechnicianAuthResult CheckToken(string token, string method)
    {
        var digest = TokenHash.Digest(token);
        var match = _tokens.FirstOrDefault(t => t.Digest.Length == digest.Length && CryptographicOperations.FixedTimeEquals(t.Digest, digest));
        if (match.Name is { } name)
        {
            return Authorized(BearerKey, method, $"token '{name}'");
        }

        Failed(BearerKey, "unknown token", method, lockable: false);
        return new(TechnicianAuthOutcome.Refused, "", _refusedMessage);
    }

    private TechnicianAuthResult Authorized(string key, string method, string? who = null)
    {
        who ??= key;
        LogAuthorized(who, method);
        return new(TechnicianAuthOutcome.Authorized, who, "");
    }

    private TechnicianAuthResult Refused(string key, string reason, string method)
    {
        var (failures, lockedOut) = Failed(key, reason, method, lockable: true);
        if (lockedOut)
        {
            LogLockedOut(key, _options.LockoutSeconds, failures);
        }

        // The caller is not told whether the user or the password was wrong.
        return new(TechnicianAuthOutcome.Refused, "", _refusedMessage);
    }

    private (int Failures, bool LockedOut) Failed(string key, string reason, string method, bool lockable)
    {
        var total = Interlocked.Increment(ref _failedAttempts);
        var (failures, lockedOut) = lockable ? _limiter.Fail(key) : (0, false);
        LogFailed(key, reason, method, failures, total);
        return (failures, lockedOut);
    }

    private static PasswordHash Parse(string text) =>
        PasswordHash.TryParse(text, out var hash, out var error) ? hash! : throw new InvalidOperationException($"Technician password hash: {error}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Technician {Who} authorised for {Method}")]
    private partial void LogAuthorized(string who, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Technician authentication failed for {Who}: {Reason} (calling {Method}; {Failures} in a row, {Total} since start)")]
    private partial void LogFailed(string who, string reason, string method, int failures, long total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Technician {Who} locked out for {Seconds} s after {Failures} failed attempts in a row")]
    private partial void LogLockedOut(string who, int seconds, int failures);
}
