using System.Collections.Frozen;

namespace KioskAgent.Hardware.KeyboardWedge;

/// <summary>
/// Linux key codes (linux/input-event-codes.h) straight to characters, as a US keyboard would
/// type them, without any X or console keymap: a wedge sends the same key codes whatever layout
/// the kiosk's desktop uses.
/// </summary>
public static class LinuxKeyMap
{
    public const ushort KeyEnter = 28;
    public const ushort KeyKeypadEnter = 96;
    public const ushort KeyLeftShift = 42;
    public const ushort KeyRightShift = 54;

    // KEY_LEFTCTRL 29, KEY_LEFTALT 56, KEY_CAPSLOCK 58, KEY_NUMLOCK 69, KEY_RIGHTCTRL 97,
    // KEY_RIGHTALT 100, KEY_LEFTMETA 125, KEY_RIGHTMETA 126: change nothing a wedge types.
    private static readonly FrozenSet<ushort> IgnoredModifiers = new ushort[] { 29, 56, 58, 69, 97, 100, 125, 126 }.ToFrozenSet();

    private static readonly FrozenDictionary<ushort, (char Plain, char Shifted)> Keys = BuildKeys();

    public static bool IsEnter(ushort code) => code is KeyEnter or KeyKeypadEnter;

    public static bool IsShift(ushort code) => code is KeyLeftShift or KeyRightShift;

    public static bool IsIgnoredModifier(ushort code) => IgnoredModifiers.Contains(code);

    /// <summary>The character the key types, or null for a key that types none we know.</summary>
    public static char? ToChar(ushort code, bool shift) =>
        Keys.TryGetValue(code, out var key) ? (shift ? key.Shifted : key.Plain) : null;

    private static FrozenDictionary<ushort, (char, char)> BuildKeys()
    {
        var keys = new Dictionary<ushort, (char, char)>();
        // KEY_1..KEY_9 = 2..10, KEY_0 = 11, then KEY_MINUS 12, KEY_EQUAL 13.
        const string digits = "1234567890-=";
        const string shiftedDigits = "!@#$%^&*()_+";
        for (var i = 0; i < digits.Length; i++)
        {
            keys[(ushort)(2 + i)] = (digits[i], shiftedDigits[i]);
        }

        // Letter rows: KEY_Q = 16.., KEY_A = 30.., KEY_Z = 44...
        AddLetters(keys, 16, "qwertyuiop");
        AddLetters(keys, 30, "asdfghjkl");
        AddLetters(keys, 44, "zxcvbnm");
        // Punctuation of the US layout scanners type in (a QR payload such as "KV1:…" needs the colon):
        // KEY_LEFTBRACE 26, RIGHTBRACE 27, SEMICOLON 39, APOSTROPHE 40, GRAVE 41, BACKSLASH 43,
        // COMMA 51, DOT 52, SLASH 53, SPACE 57.
        keys[26] = ('[', '{');
        keys[27] = (']', '}');
        keys[39] = (';', ':');
        keys[40] = ('\'', '"');
        keys[41] = ('`', '~');
        keys[43] = ('\\', '|');
        keys[51] = (',', '<');
        keys[52] = ('.', '>');
        keys[53] = ('/', '?');
        keys[57] = (' ', ' ');

        // Keypad: KEY_KP7 71, KP8 72, KP9 73, KPMINUS 74, KP4 75, KP5 76, KP6 77, KPPLUS 78,
        // KP1 79, KP2 80, KP3 81, KP0 82, KPDOT 83, KPASTERISK 55, KPSLASH 98. NumLock is assumed on.
        foreach (var (code, c) in new (ushort, char)[]
        {
            (71, '7'), (72, '8'), (73, '9'), (74, '-'), (75, '4'), (76, '5'), (77, '6'), (78, '+'),
            (79, '1'), (80, '2'), (81, '3'), (82, '0'), (83, '.'), (55, '*'), (98, '/'),
        })
        {
            keys[code] = (c, c);
        }

        return keys.ToFrozenDictionary();
    }

    private static void AddLetters(Dictionary<ushort, (char, char)> keys, ushort first, string letters)
    {
        for (var i = 0; i < letters.Length; i++)
        {
            keys[(ushort)(first + i)] = (letters[i], char.ToUpperInvariant(letters[i]));
        }
    }
}
