using KioskAgent.CentralLink;
using Microsoft.Extensions.Options;

namespace KioskAgent.Vouchers;

public static class VouchersServiceCollectionExtensions
{
    public static IServiceCollection AddVouchers(this IServiceCollection services)
    {
        services.AddOptions<VoucherDeskOptions>().BindConfiguration(VoucherDeskOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VoucherDeskOptions>, VoucherDeskOptionsValidator>();
        services.AddSingleton<VoucherCounters>();
        services.AddSingleton<VoucherUseStore>();
        services.AddSingleton<CentralVoucherCheck>();
        services.AddSingleton<IMqttInboundHandler, VoucherAnswerHandler>();
        services.AddSingleton<VoucherDesk>();
        services.AddSingleton<VoucherCameraFeed>();
        services.AddSingleton<KioskAgent.Staff.IStaffFeature, VoucherStaffFeature>();
        services.AddSingleton<IHealthReportContributor, VoucherHealthContributor>();
        return services;
    }
}
