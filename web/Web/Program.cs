using Platform.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddWebServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapWebApp();

app.Run();
