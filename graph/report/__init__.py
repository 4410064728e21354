"""Written chronologies for an inquiry, an editor or a court: a model built from the question
layer's answers (`build`), and one renderer per format (`markdown`, `docx_render`, `pdf`)."""
