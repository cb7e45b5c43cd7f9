using System.CommandLine;
using System.Text;
using Grpc.Core;

namespace Kioskctl;

/// <summary>
/// Technician credentials for technician methods, from options or the environment, sent as the
/// <c>authorization</c> metadata: Basic user:password, or Bearer token. Prefer the environment or
/// a password file over --password, which other users of the machine can see in the process list.
/// </summary>
public sealed class TechnicianLogin
{
    public const string UserVariable = "KIOSK_TECH_USER";
    public const string PasswordVariable = "KIOSK_TECH_PASSWORD";
    public const string PasswordFileVariable = "KIOSK_TECH_PASSWORD_FILE";
    public const string TokenVariable = "KIOSK_TECH_TOKEN";

    public Option<string> User { get; } = new("--user") { Description = $"Technician user (or ${UserVariable})", Recursive = true };

    public Option<string> Password { get; } = new("--password") { Description = $"Technician password (or ${PasswordVariable}; visible in the process list, prefer --password-file)", Recursive = true };

    public Option<FileInfo> PasswordFile { get; } = new("--password-file") { Description = $"File whose first line is the password (or ${PasswordFileVariable})", Recursive = true };

    public Option<string> Token { get; } = new("--token") { Description = $"Technician bearer token instead of user and password (or ${TokenVariable})", Recursive = true };

    public IEnumerable<Option> All => [User, Password, PasswordFile, Token];

    /// <summary>The call metadata; empty when no credentials were given (the agent then says what it needs).</summary>
    public Metadata Headers(ParseResult parse)
    {
        var headers = new Metadata();
        var token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable(TokenVariable);
        if (!string.IsNullOrEmpty(token))
        {
            headers.Add("authorization", $"Bearer {token}");
            return headers;
        }

        var user = parse.GetValue(User) ?? Environment.GetEnvironmentVariable(UserVariable);
        var password = ReadPassword(parse);
        if (!string.IsNullOrEmpty(user) && password is not null)
        {
            headers.Add("authorization", $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))}");
        }

        return headers;
    }

    private string? ReadPassword(ParseResult parse)
    {
        if (parse.GetValue(Password) is { } password)
        {
            return password;
        }

        var file = parse.GetValue(PasswordFile)?.FullName ?? Environment.GetEnvironmentVariable(PasswordFileVariable);
        if (!string.IsNullOrEmpty(file))
        {
            return FirstLine(File.ReadAllText(file));
        }

        return Environment.GetEnvironmentVariable(PasswordVariable);
    }

    internal static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
