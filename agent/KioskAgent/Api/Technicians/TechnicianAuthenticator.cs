using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace KioskAgent.Api.Technicians;

/// <summary>
/// Checks technician credentials against the configured accounts and tokens. Failures are counted,
/// logged without the password, and rate-limited per user; an unknown user costs the same PBKDF2
/// work as a known one, so timing does not tell which user names exist.
/// </summary>
public sealed partial class TechnicianAuthenticator
{
    private const string UnknownUserKey = "(unknown user)";
    private const string BearerKey = "(bearer token)";

    private readonly TechnicianOptions _options;
    private readonly Dictionary<string, PasswordHash> _accounts;
    private readonly List<(string Name, byte[] Digest)> _tokens;
    private readonly PasswordHash _decoy;
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
        if (LockedOut(key, method) is { } locked)
        {
            return locked;
        }

        var verified = (hash ?? _decoy).Verify(password) && known;
        return verified ? Authorized(key, method) : Refused(key, known ? "wrong password" : "unknown user", method);
    }

    private TechnicianAuthResult CheckToken(string token, string method)
    {
        if (LockedOut(BearerKey, method) is { } locked)
        {
            return locked;
        }

        var digest = TokenHash.Digest(token);
        var match = _tokens.FirstOrDefault(t => t.Digest.Length == digest.Length && CryptographicOperations.FixedTimeEquals(t.Digest, digest));
        return match.Name is { } name ? Authorized(BearerKey, method, $"token '{name}'") : Refused(BearerKey, "unknown token", method);
    }

    private TechnicianAuthResult? LockedOut(string key, string method)
    {
        var left = _limiter.LockedFor(key);
        if (left <= TimeSpan.Zero)
        {
            return null;
        }

        Failed(key, "locked out", method, lockable: false);
        return new(TechnicianAuthOutcome.LockedOut, key, $"too many failed attempts; try again in {Math.Ceiling(left.TotalSeconds):0} s");
    }

    private TechnicianAuthResult Authorized(string key, string method, string? who = null)
    {
        _limiter.Succeed(key);
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
        return new(TechnicianAuthOutcome.Refused, "", "technician credentials refused");
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
