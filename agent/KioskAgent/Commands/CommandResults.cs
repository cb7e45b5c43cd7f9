using KioskAgent.Contracts.V1;

namespace KioskAgent.Commands;

/// <summary>Builds command answers; the dispatcher adds kiosk id and time.</summary>
public static class CommandResults
{
    public const string Malformed = "malformed";
    public const string UnknownCommand = "unknown_command";
    public const string BadArgument = "bad_argument";
    public const string Timeout = "timeout";
    public const string Failed = "failed";
    public const string Busy = "busy";
    public const string InProgress = "in_progress";
    public const string Expired = "expired";

    public static KioskCommandResult Ok(KioskCommand command, string message = "") =>
        new() { Id = command.Id, Name = command.Name, Ok = true, Message = message };

    public static KioskCommandResult Fail(KioskCommand command, string error, string message) =>
        new() { Id = command.Id, Name = command.Name, Ok = false, Error = error, Message = message };

    /// <summary>An answer to a message that is not a usable command (no trustworthy id or name).</summary>
    public static KioskCommandResult Refused(string error, string message) =>
        new() { Ok = false, Error = error, Message = message };
}
