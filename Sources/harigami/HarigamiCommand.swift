import Harigami
print("placeholder")
