from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def home(request):
    """Everyone: what DocAnswers is, and the way in for patients and doctors."""
    return render(request, "forum/home.html")
