app_name = "dlxh_app"
app_title = "DLXH"
app_publisher = "dlxh_app contributors"
app_description = "Public-opinion work (DLXH) of a city Party Committee's Propaganda Department"
app_email = "dlxh_app@example.com"
app_license = "mit"

required_apps = []

# Keep DocType controllers' type annotations in sync with their JSON definitions.
export_python_type_annotations = True
