using System.Security.Cryptography;

namespace KioskAgent.CheckIn;

/// <summary>
/// The short code an attendee sees at an accepted check-in: the non-personal entrant id a draw
/// later lists and ranks (docs/draw-verification.md). Six characters of an alphabet without look-alikes
/// (no 0/O, 1/I/L), unique within the activity.
/// </summary>
public static class ShortCodes
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 6;

    public static string New(Func<string, bool> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        while (true)
        {
            var code = RandomNumberGenerator.GetString(Alphabet, Length);
            if (!taken(code))
            {
                return code;
            }
        }
    }
}
