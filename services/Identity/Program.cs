using Platform.Identity;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddIdentityServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapIdentityApi();
await app.PrepareIdentityAsync();

app.Run();
