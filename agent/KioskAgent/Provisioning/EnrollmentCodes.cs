using System.Security.Cryptography;
using System.Text;
using KioskAgent.Api.Technicians;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>
/// The enrollment code (decision 0006): random digits, single use, valid for a few minutes, burned
/// after a few wrong tries (counted with <see cref="FailedAttemptLimiter"/>, so parallel callers get
/// no more tries than one). Open while no technician is enrolled (an expired code is replaced by a
/// fresh one; a burned one only when someone at the screen asks), or after a supervisor opened
/// enrollment for one more technician (until that code is used, expires or is burned).
/// </summary>
public sealed partial class EnrollmentCodes
{
    private readonly ProvisioningOptions _options;
    private readonly EnrollmentStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<EnrollmentCodes> _logger;
    private readonly Lock _gate = new();
    private FailedAttemptLimiter _tries;
    private string _code = "";
    private DateTimeOffset _expiresAt;
    private string _role = TechnicianRecord.Supervisor;
    private bool _burned;
    private bool _openedBySupervisor;
    private long _generation;
    private int _failuresThisCode;

    public EnrollmentCodes(IOptions<ProvisioningOptions> options, EnrollmentStore store, TimeProvider time, ILogger<EnrollmentCodes> logger)
    {
        _options = options.Value;
        _store = store;
        _time = time;
        _logger = logger;
        _tries = NewLimiter();
        if (!store.IsEnrolled)
        {
            Issue(TechnicianRecord.Supervisor);
        }
    }

    /// <summary>
    /// Raised (under the lock: a handler must only take note) whenever what the enrollment screen
    /// shows changes: a new code, a wrong try, a burned or used code.
    /// </summary>
    public event Action? Changed;

    /// <summary>True while Enroll may be called without a client certificate.</summary>
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return !_store.IsEnrolled || (_openedBySupervisor && _code.Length > 0 && _expiresAt > _time.GetUtcNow());
            }
        }
    }

    /// <summary>The code to show, or null while closed.</summary>
    public EnrollmentCodeState? Current()
    {
        lock (_gate)
        {
            if (!IsOpenLocked())
            {
                return null;
            }

            if (!_store.IsEnrolled && !_burned && _expiresAt <= _time.GetUtcNow())
            {
                Issue(TechnicianRecord.Supervisor);
            }

            return new EnrollmentCodeState(_burned ? "" : _code, _expiresAt, TriesLeftLocked(), _role);
        }
    }

    /// <summary>A new code from the screen while not enrolled; the old one stops working.</summary>
    public EnrollmentCodeState Regenerate()
    {
        lock (_gate)
        {
            if (_store.IsEnrolled && !_openedBySupervisor)
            {
                throw new InvalidOperationException("this kiosk is enrolled: a supervisor opens enrollment over the provisioning API");
            }

            Issue(_role);
            return new EnrollmentCodeState(_code, _expiresAt, TriesLeftLocked(), _role);
        }
    }

    /// <summary>A supervisor opens enrollment for one more technician of <paramref name="role"/>.</summary>
    public EnrollmentCodeState Open(string role)
    {
        lock (_gate)
        {
            _openedBySupervisor = true;
            Issue(role);
            return new EnrollmentCodeState(_code, _expiresAt, TriesLeftLocked(), _role);
        }
    }

    /// <summary>Checks a presented code; a right one is used up, a wrong one costs a try.</summary>
    public EnrollmentAttempt TryRedeem(string code)
    {
        lock (_gate)
        {
            if (!IsOpenLocked())
            {
                return EnrollmentAttempt.Refused("enrollment is closed: this kiosk is enrolled (a supervisor can open enrollment)");
            }

            var key = _generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (_burned || !_tries.TryBegin(key, out _))
            {
                return EnrollmentAttempt.Refused("the enrollment code is burned after too many wrong tries: make a new one on the kiosk's screen");
            }

            var expired = _expiresAt <= _time.GetUtcNow();
            if (expired || !FixedTimeEquals(code, _code))
            {
                var (failures, burned) = _tries.Fail(key);
                _burned = burned;
                _failuresThisCode = failures;
                LogWrongCode(failures, _options.EnrollmentCodeTries, burned);
                Changed?.Invoke();
                return EnrollmentAttempt.Refused(burned
                    ? "wrong enrollment code; the code is now burned: make a new one on the kiosk's screen"
                    : expired
                        ? $"the enrollment code expired: use the one the screen shows now ({TriesLeftLocked()} tries left)"
                        : $"wrong enrollment code ({TriesLeftLocked()} tries left)");
            }

            _tries.Succeed(key);
            var role = _role;
            _code = "";
            _openedBySupervisor = false;
            _generation++;
            Changed?.Invoke();
            return EnrollmentAttempt.Ok(role);
        }
    }

    private bool IsOpenLocked() =>
        !_store.IsEnrolled || (_openedBySupervisor && _code.Length > 0 && _expiresAt > _time.GetUtcNow());

    private int TriesLeftLocked()
    {
        if (_burned)
        {
            return 0;
        }

        return Math.Max(0, _options.EnrollmentCodeTries - _failuresThisCode);
    }

    private void Issue(string role)
    {
        _generation++;
        _tries = NewLimiter();
        _failuresThisCode = 0;
        _burned = false;
        _role = role;
        _code = NewCode(_options.EnrollmentCodeDigits);
        _expiresAt = _time.GetUtcNow().AddMinutes(_options.EnrollmentCodeMinutes);
        LogIssued(role, _expiresAt);
        Changed?.Invoke();
    }

    private FailedAttemptLimiter NewLimiter() => new(_options.EnrollmentCodeTries, TimeSpan.FromDays(3650), _time);

    private static string NewCode(int digits)
    {
        var code = new StringBuilder(digits);
        for (var i = 0; i < digits; i++)
        {
            code.Append((char)('0' + RandomNumberGenerator.GetInt32(10)));
        }

        return code.ToString();
    }

    private static bool FixedTimeEquals(string presented, string expected) =>
        expected.Length > 0
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)));

    [LoggerMessage(Level = LogLevel.Information, Message = "New enrollment code for a {Role}, valid until {ExpiresAt:O}")]
    private partial void LogIssued(string role, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Wrong enrollment code ({Failures} of {Tries}; burned: {Burned})")]
    private partial void LogWrongCode(int failures, int tries, bool burned);
}
