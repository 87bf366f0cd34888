using System.Text;
using KuaSheng.Api.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Api.Auth;

/// <summary>JWT bearer authentication: key, issuer and audience from configuration; claims kept as the token names
/// them (sub, role, unit, units); 401 and 403 answered as problem details.</summary>
public static class ApiAuth
{
    public const int MinimumKeyBytes = 32;

    public static SymmetricSecurityKey Key(AuthSettings settings)
    {
        var bytes = Encoding.UTF8.GetBytes(settings.SigningKey ?? "");
        if (bytes.Length < MinimumKeyBytes)
            throw new InvalidOperationException($"KuaSheng:Auth:SigningKey must be at least {MinimumKeyBytes} bytes; set it in configuration or the environment (KuaSheng__Auth__SigningKey).");
        return new SymmetricSecurityKey(bytes);
    }

    public static IServiceCollection AddApiAuth(this IServiceCollection services, AuthSettings settings)
    {
        // Checked when the node starts, not when it is configured: reading a configuration must not need the secret.
        services.AddHostedService(_ => new SigningKeyCheck(settings));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            var key = Key(settings);
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                IssuerSigningKey = key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RoleClaimType = TokenClaims.Role,
                NameClaimType = TokenClaims.Subject,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            options.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    await Problem.Of(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated, "Not signed in",
                        "A valid bearer token is required (Authorization: Bearer <JWT>).").ExecuteAsync(context.HttpContext);
                },
                OnForbidden = context =>
                    Problem.Forbidden("Your role may not use this endpoint.").ExecuteAsync(context.HttpContext),
            };
        });
        services.AddAuthorization();
        return services;
    }
}

/// <summary>Refuses to start a node without a usable signing key, with a message that says where to set it.</summary>
internal sealed class SigningKeyCheck(AuthSettings settings) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = ApiAuth.Key(settings);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
