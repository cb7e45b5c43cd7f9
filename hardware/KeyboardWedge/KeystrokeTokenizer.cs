using System.Text;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// Turns key presses into tokens: characters until Enter (or keypad Enter). Releases and
/// autorepeats are ignored, Shift is tracked, and a pause longer than the inter-key timeout
/// (measured on the events' own timestamps) throws a partial token away.
/// </summary>
public sealed class KeystrokeTokenizer
{
    private readonly int _maxLength;
    private readonly TimeSpan _interKeyTimeout;
    private readonly StringBuilder _token = new();
    private bool _shift;
    private bool _overflow;
    private ushort? _invalidKey;
    private TimeSpan? _lastKey;

    public KeystrokeTokenizer(int maxLength, TimeSpan interKeyTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        _maxLength = maxLength;
        _interKeyTimeout = interKeyTimeout;
    }

    /// <summary>Feeds one input event; returns a token or a failure when one ends here.</summary>
    public TokenResult? Feed(InputEvent inputEvent)
    {
        if (inputEvent.Type != InputEvent.EvKey)
        {
            return null;
        }

        if (LinuxKeyMap.IsShift(inputEvent.Code))
        {
            TrackShift(inputEvent.Value);
            return null;
        }

        if (!inputEvent.IsKeyPress)
        {
            return null;
        }

        var stale = DiscardIfStale(inputEvent.Time);
        _lastKey = inputEvent.Time;
        if (LinuxKeyMap.IsEnter(inputEvent.Code))
        {
            return stale ?? Complete();
        }

        if (!LinuxKeyMap.IsIgnoredModifier(inputEvent.Code))
        {
            Append(inputEvent.Code);
        }

        return stale;
    }

    private bool HasInput => _token.Length > 0 || _overflow || _invalidKey is not null;

    private void TrackShift(int value)
    {
        if (value != InputEvent.KeyRepeated)
        {
            _shift = value == InputEvent.KeyPressed;
        }
    }

    private TokenResult? DiscardIfStale(TimeSpan now)
    {
        if (!HasInput || _lastKey is not { } last || now - last <= _interKeyTimeout)
        {
            return null;
        }

        var result = TokenResult.Failure("incomplete", $"{_token.Length} characters without Enter, then a {(now - last).TotalMilliseconds:0} ms pause");
        Reset();
        return result;
    }

    private void Append(ushort code)
    {
        if (LinuxKeyMap.ToChar(code, _shift) is not { } character)
        {
            _invalidKey ??= code;
            return;
        }

        if (_token.Length >= _maxLength)
        {
            _overflow = true;
            return;
        }

        _token.Append(character);
    }

    private TokenResult? Complete()
    {
        TokenResult? result = HasInput switch
        {
            false => null,
            _ when _overflow => TokenResult.Failure("too_long", $"more than {_maxLength} characters before Enter"),
            _ when _invalidKey is { } key => TokenResult.Failure("invalid_token", $"key code {key} types no character"),
            _ => TokenResult.Token(_token.ToString()),
        };
        Reset();
        return result;
    }

    private void Reset()
    {
        _token.Clear();
        _overflow = false;
        _invalidKey = null;
    }
}
