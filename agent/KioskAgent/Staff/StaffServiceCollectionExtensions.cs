namespace KioskAgent.Staff;

public static class StaffServiceCollectionExtensions
{
    /// <summary>Staff mode: the staff list, PIN checks with lockout, the session, staff actions and the tap gate.</summary>
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.AddOptions<StaffOptions>()
            .BindConfiguration(StaffOptions.Section)
            .Validate(o => o.SessionIdleSeconds is >= 15 and <= 86_400, "Staff:SessionIdleSeconds must be 15-86400.")
            .Validate(o => o.LoginTimeoutSeconds is >= 10 and <= 600, "Staff:LoginTimeoutSeconds must be 10-600.")
            .Validate(o => o.MaxPinTries is >= 1 and <= 20, "Staff:MaxPinTries must be 1-20.")
            .Validate(o => o.LockoutSeconds is >= 1 and <= 86_400, "Staff:LockoutSeconds must be 1-86400.")
            .Validate(o => o.MaxLockoutSeconds >= o.LockoutSeconds && o.MaxLockoutSeconds <= 604_800, "Staff:MaxLockoutSeconds must be at least Staff:LockoutSeconds and at most 604800.")
            .ValidateOnStart();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<StaffPinGuard>();
        services.AddSingleton<StaffActions>();
        services.AddSingleton<StaffFeatureCatalog>();
        services.AddSingleton<StaffTapRouter>();
        services.AddSingleton<StaffSessions>();
        services.AddSingleton<IStaffSessions>(sp => sp.GetRequiredService<StaffSessions>());
        services.AddSingleton<StaffTapGate>();
        services.AddSingleton<Import.StaffImporter>();
        return services;
    }
}
