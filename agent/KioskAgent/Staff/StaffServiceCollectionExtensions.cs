using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KioskAgent.Staff;

public static class StaffServiceCollectionExtensions
{
    public static IServiceCollection AddStaff(this IServiceCollection services)
    {
        services.TryAddSingleton<IStaffSessions, NoStaffSessions>();
        services.AddSingleton<StaffTapRouter>();
        return services;
    }
}
