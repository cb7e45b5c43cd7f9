using System.Text;
using Grpc.Core;
using KioskAgent.Api.Technicians;

namespace KioskAgent.Tests.Testing;

/// <summary>A technician account for agents under test (hashed with the fewest iterations allowed, to start fast).</summary>
public static class TestTechnician
{
    public const string User = "tech";
    public const string Password = "correct horse 电池 staple";

    public static string PasswordHash { get; } = Api.Technicians.PasswordHash.Create(Password, Api.Technicians.PasswordHash.MinIterations).ToString();

    /// <summary>Agent settings (KIOSK_ environment variables) that configure the account.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Technician__Accounts__0__User", User),
        new("Technician__Accounts__0__PasswordHash", PasswordHash),
    ];

    /// <summary>Call metadata with the account's Basic credentials.</summary>
    public static Metadata Headers(string user = User, string password = Password) =>
        new() { { "authorization", $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))}" } };
}
